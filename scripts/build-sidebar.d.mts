export function buildSidebarHtml(options?: { minify?: boolean }): Promise<string>;
export function sidebarApiMethods(): Promise<Array<{ method: string; name: string }>>;
