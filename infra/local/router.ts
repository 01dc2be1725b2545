import { type RouteDefinition, routeKeyOf } from '../routes';

/**
 * Matches a request path against the manifest the way API Gateway HTTP API does: exact segments
 * win over `{param}` segments, `{name+}` takes the rest. Pure.
 */
interface Compiled {
  route: RouteDefinition;
  regex: RegExp;
  names: string[];
  specificity: number;
}

export type MatchResult =
  | {
      kind: 'match';
      route: RouteDefinition;
      routeKey: string;
      pathParameters: Record<string, string>;
    }
  | { kind: 'methodNotAllowed'; allowed: string[] }
  | { kind: 'badPath' }
  | { kind: 'none' };

export function compileRoutes(list: readonly RouteDefinition[]) {
  const compiled: Compiled[] = list.map((route) => {
    const names: string[] = [];
    let specificity = 0;
    const pattern = route.path
      .split('/')
      .map((segment) => {
        const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
        if (!param) {
          specificity += 2;
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
        names.push(param[1] ?? '');
        if (param[2]) return '(.+)';
        specificity += 1;
        return '([^/]+)';
      })
      .join('/');
    return { route, regex: new RegExp(`^${pattern}$`), names, specificity };
  });
  compiled.sort((a, b) => b.specificity - a.specificity);

  return function match(method: string, rawPath: string): MatchResult {
    const allowed: string[] = [];
    for (const c of compiled) {
      const m = c.regex.exec(rawPath);
      if (!m) continue;
      if (c.route.method !== method.toUpperCase()) {
        allowed.push(c.route.method);
        continue;
      }
      const pathParameters: Record<string, string> = {};
      try {
        c.names.forEach((name, i) => {
          pathParameters[name] = decodeURIComponent(m[i + 1] ?? '');
        });
      } catch {
        return { kind: 'badPath' };
      }
      return { kind: 'match', route: c.route, routeKey: routeKeyOf(c.route), pathParameters };
    }
    return allowed.length
      ? { kind: 'methodNotAllowed', allowed: [...new Set(allowed)] }
      : { kind: 'none' };
  };
}
