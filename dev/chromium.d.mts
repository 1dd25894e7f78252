export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: string[];
export const DISABLED_FEATURES: string[];
