/**
 * An object that stands for one a test file creates later (in beforeAll): property reads are
 * forwarded to it once it exists, so a suite helper can hand out its stacks at module level.
 */
export function lateBound<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      const target = current();
      if (!target) throw new Error(`${what} is started in beforeAll; use it inside tests and hooks`);
      const value: unknown = Reflect.get(target, key, target);
      // Methods run on the real object (a class's #private fields are not reachable through a proxy).
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
