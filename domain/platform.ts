// The platform's one name (issue 13.7): the console's title, login page, sider and footer, and the
// API's documentation all show it. The console reads it from its i18n files (`app.platformName`),
// which a unit test keeps equal to this constant.
import type { LocalizedMessage } from "./errors.js";

/** The name users know from the manual and the province's service hall: 贵州省人才人事综合业务管理服务平台. */
export const PLATFORM_NAME: LocalizedMessage = {
  "zh-CN": "贵州省人才人事综合业务管理服务平台",
  en: "Guizhou Talent and Personnel Integrated Services Platform",
};
