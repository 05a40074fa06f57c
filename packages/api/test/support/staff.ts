// Signed-in staff members for tests: an account made like `aduan staff add`, signed in
// through the `login` mutation, with its session cookie ready to send.
import type { StaffAccount } from '@aduan/prisma';
import { expect } from 'vitest';
import { addStaffAccount, type AddStaffInput } from '../../src/staff/index.js';
import type { TestAduan } from './aduan.js';

export const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on LoggedIn { staff { email name role mustChangePassword agency { slug name } } }
      ... on InvalidInput { code message }
    }
  }
`;

export interface SignedIn {
  account: StaffAccount;
  password: string;
  /** `{ cookie }`: the session, as request headers. */
  headers: Record<string, string>;
}

/** Signs in with `password`; returns the cookie header. */
export async function logIn(aduan: TestAduan, email: string, password: string): Promise<Record<string, string>> {
  const login = await aduan.gql(LOGIN, { email, password });
  expect(login.data?.login.__typename, JSON.stringify(login)).toBe('LoggedIn');
  return { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
}

/**
 * A new account, signed in. Unless `oneTimePassword` is kept, the account is marked as
 * having chosen its own password already (the one-time flow has tests of its own).
 */
export async function signedInStaff(aduan: TestAduan, input: AddStaffInput, options: { oneTimePassword?: boolean } = {}): Promise<SignedIn> {
  const prisma = aduan.test.database.prisma;
  let { account, password } = await addStaffAccount(prisma, input);
  if (!options.oneTimePassword) account = await prisma.staffAccount.update({ where: { id: account.id }, data: { mustChangePassword: false } });
  return { account, password, headers: await logIn(aduan, account.email, password) };
}
