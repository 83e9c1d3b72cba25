/** Engine answers in tests: the data, or the error's message thrown (so a failing call fails the test with it). */
export function data<T>(r: { data: T } | { error: { message: string } }): T {
  if ('error' in r) throw new Error(r.error.message);
  return r.data;
}

/** A session for a (demo) operator: demo users log in with `demo-<role>`. */
export async function loginAs(core: { login(u: string, p: string): Promise<{ data: { token: string } } | { error: { message: string } }> }, user: string, password = `demo-${user}`): Promise<{ token: string }> {
  return { token: data(await core.login(user, password)).token };
}
