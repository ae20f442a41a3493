import { CONFIG_NAMESPACE, ROOT_KEYS } from "./schema";

/**
 * Pulumi hands config to a program as `namespace:key` → string, structured values JSON-encoded.
 * This turns that map into the plain object the schema validates (keys without the namespace).
 */
export function rawNamespaceConfig(all: Readonly<Record<string, string>>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [fullKey, text] of Object.entries(all)) {
    if (!fullKey.startsWith(prefix)) continue;
    const k = fullKey.slice(prefix.length);
    if (!ROOT_KEYS.includes(k)) continue;
    raw[k] = decodeConfigValue(text);
  }
  return raw;
}

/** Structured values arrive JSON-encoded; plain strings (`dev`, `fraud`) do not parse and stay strings. */
export function decodeConfigValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}
