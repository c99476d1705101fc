export const LOGIN_PATH = "/login";

export const REGISTER_PATHS = {
  unit: "/register/unit",
  person: "/register/person",
} as const;

/** The simulated 贵州人社 mini program's page that a real-person check's QR code opens: `/mobile/check/<token>`. */
export const MOBILE_CHECK_PATH = "/mobile/check";
