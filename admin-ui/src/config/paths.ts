export const LOGIN_PATH = "/login";

export const REGISTER_PATHS = {
  unit: "/register/unit",
  person: "/register/person",
} as const;
