import { describe, expect, it } from 'vitest';
import { isSupportRoom, verifiedCustomer } from './supportTeam';

describe('support rooms and verified customers', () => {
  it("knows a shopper's room by the account it is named after", () => {
    expect(isSupportRoom('guest-ab12@conference.shop.example')).toBe(true);
    expect(isSupportRoom('customer-1042@conference.customers.shop.example')).toBe(true);
    expect(isSupportRoom('team@conference.shop.example')).toBe(false);
    expect(isSupportRoom('customer-@conference.shop.example')).toBe(false);
  });

  it('verifies only an address the room vouched for, on the customers host', () => {
    const domain = 'customers.shop.example';
    expect(verifiedCustomer({ by: 'customer-1042@customers.shop.example' }, domain)).toBe('1042');
    // A guest who registered a customer-like name on the public host is not one.
    expect(verifiedCustomer({ by: 'customer-1042@shop.example' }, domain)).toBeNull();
    expect(verifiedCustomer({ by: 'guest-ab12@shop.example' }, domain)).toBeNull();
    // Another account on the customers host (the shop's own) is no customer.
    expect(verifiedCustomer({ by: 'shop@customers.shop.example' }, domain)).toBeNull();
    // Details without a vouched sender (our own, before the room reflects them), or no host set.
    expect(verifiedCustomer({}, domain)).toBeNull();
    expect(verifiedCustomer({ by: 'customer-1042@customers.shop.example' }, undefined)).toBeNull();
    expect(verifiedCustomer(null, domain)).toBeNull();
  });
});
