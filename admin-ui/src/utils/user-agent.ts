// A rough summary of a User-Agent header for people ("Chrome on Windows"), e.g. where a QR login started.

export interface UserAgentSummary {
  browser?: "Edge" | "Chrome" | "Firefox" | "Safari";
  os?: "Windows" | "macOS" | "iOS" | "Android" | "Linux";
}

/** Order matters: Edge also says Chrome and Safari, Chrome also says Safari, iOS also says Mac OS X. */
const BROWSERS: Array<[NonNullable<UserAgentSummary["browser"]>, RegExp]> = [
  ["Edge", /\bEdg(e|A|iOS)?\//],
  ["Firefox", /\b(Firefox|FxiOS)\//],
  ["Chrome", /\b(HeadlessChrome|Chrome|Chromium|CriOS)\//],
  ["Safari", /\bVersion\/[\d.]+.*\bSafari\//],
];

const SYSTEMS: Array<[NonNullable<UserAgentSummary["os"]>, RegExp]> = [
  ["Windows", /\bWindows\b/],
  ["iOS", /\b(iPhone|iPad|iPod)\b/],
  ["macOS", /\b(Macintosh|Mac OS X)\b/],
  ["Android", /\bAndroid\b/],
  ["Linux", /\b(Linux|X11|CrOS)\b/],
];

export const summarizeUserAgent = (userAgent: string | null | undefined): UserAgentSummary => {
  if (!userAgent) return {};
  return {
    browser: BROWSERS.find(([, pattern]) => pattern.test(userAgent))?.[0],
    os: SYSTEMS.find(([, pattern]) => pattern.test(userAgent))?.[0],
  };
};
