/** Types of securityHeaders.mjs (plain JavaScript, so Node scripts can import it). */
export declare const CSP_DIRECTIVES: Record<string, { sources: string[]; why: string }>;
export declare function cspHeader(directives: Record<string, { sources: string[] }>): string;
export declare const CONTENT_SECURITY_POLICY: string;
export declare const DEV_CONTENT_SECURITY_POLICY: string;
export declare const REFERRER_POLICY: string;
export declare const ISOLATION_HEADERS: Readonly<Record<'Cross-Origin-Opener-Policy' | 'Cross-Origin-Embedder-Policy', string>>;
export declare const PRODUCTION_HEADERS: Readonly<Record<string, string>>;
export declare const DEV_HEADERS: Readonly<Record<string, string>>;
