/** The organisation running Waymark as the pages name it: its name and, where configured, its logo file and type. */
export type Organisation = Readonly<{ name: string; logo: Readonly<{ path: string; type: string }> | null }>;
