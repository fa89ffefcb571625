// Request counts by route and status, plus what the traffic layer did on its own (faults, 429s).

export interface TrafficSnapshot {
  totalRequests: number;
  requests: Record<string, Record<string, number>>;
  rateLimited: number;
  faults: Record<string, number>;
}

export class TrafficStats {
  #total = 0;
  #byRoute = new Map<string, Map<number, number>>();
  #rateLimited = 0;
  #faults = new Map<string, number>();

  record(route: string, status: number): void {
    this.#total += 1;
    let statuses = this.#byRoute.get(route);
    if (!statuses) this.#byRoute.set(route, (statuses = new Map<number, number>()));
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }

  countRateLimited(): void {
    this.#rateLimited += 1;
  }

  countFault(kind: string): void {
    this.#faults.set(kind, (this.#faults.get(kind) ?? 0) + 1);
  }

  snapshot(): TrafficSnapshot {
    const requests: Record<string, Record<string, number>> = {};
    for (const [route, statuses] of this.#byRoute) {
      requests[route] = Object.fromEntries([...statuses].map(([status, count]) => [String(status), count]));
    }
    return {
      totalRequests: this.#total,
      requests,
      rateLimited: this.#rateLimited,
      faults: Object.fromEntries(this.#faults),
    };
  }

  clear(): void {
    this.#total = 0;
    this.#byRoute = new Map();
    this.#rateLimited = 0;
    this.#faults = new Map();
  }
}
