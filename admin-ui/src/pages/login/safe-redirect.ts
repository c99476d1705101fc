/** Only same-site paths: `?to=` comes from the address bar. */
export const safeRedirect = (to?: string): string | undefined =>
  to?.startsWith("/") && !to.startsWith("//") ? to : undefined;
