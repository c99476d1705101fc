// SMS texts are Chinese: they go to mainland mobiles. Parameters never include ID numbers.
const templates = {
  VERIFICATION_CODE: "【贵州人社】您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。",
  GENERIC_NOTICE: "【贵州人社】{text}",
} as const;

export type SmsTemplate = keyof typeof templates;

export function renderSms(template: SmsTemplate, params: Record<string, string>): string {
  return templates[template].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
