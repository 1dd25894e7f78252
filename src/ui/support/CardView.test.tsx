// @vitest-environment jsdom
import { render } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { CardView } from './CardView';

describe('CardView', () => {
  it('formats the price in the viewer’s language and keeps markup as text', () => {
    const { container } = render(() => (
      <CardView
        card={{
          kind: 'product',
          title: '<b>Tea</b>',
          price: 1234.5,
          currency: 'EUR',
          url: 'https://shop.example/p/tea',
          image: 'https://shop.example/tea.png',
        }}
        t={(k, p) => translate('zh-CN', k, p)}
        lang="zh-CN"
      />
    ));
    const card = container.querySelector('article');
    expect(card?.getAttribute('aria-label')).toBe('商品：<b>Tea</b>');
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('.card-price')?.textContent).toBe(
      new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'EUR' }).format(1234.5),
    );
    const a = container.querySelector('a');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(container.querySelector('img')?.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('shows an order’s status, items and total; no link without a URL', () => {
    const { container } = render(() => (
      <CardView
        card={{
          kind: 'order',
          id: 'A-1',
          status: 'Shipped',
          total: 5,
          currency: 'USD',
          items: [{ title: 'Mug', quantity: 2 }],
        }}
        t={(k, p) => translate('en', k, p)}
        lang="en"
      />
    ));
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toContain('Order A-1');
    expect(container.textContent).toContain('Status: Shipped');
    expect(container.textContent).toContain('2 × Mug');
    expect(container.textContent).toContain('Total: $5.00');
  });
});
