import type { Lang } from '../../shared/i18n/messages';
import { cartCount, onCartChange } from './cart';
import { h } from './dom';
import { bi, setupLangToggle } from './i18n';
import { sessionHint, signOut } from './session';

/**
 * The frame every page shares: a skip link, the header (brand, main navigation, sign-in or
 * sign-out, language switch) and the footer. Pages hold only `<main id="main">` and call
 * `setupPage()` first; the frame is built here so it is the same everywhere.
 */
export type Section = 'shop' | 'cart' | 'sell' | 'officer' | 'stats' | 'docs' | 'signin' | 'none';

export interface PageOptions {
  section: Section;
  onLangChange?: (lang: Lang) => void;
}

function navLink(href: string, text: ReturnType<typeof bi>, current: boolean) {
  return h(
    'li',
    null,
    h('a', { href, 'aria-current': current ? 'page' : undefined, class: 'nav-link' }, text),
  );
}

/** "Giỏ hàng (2)": the number of lines, kept current when another tab changes the cart. */
function cartLink(current: boolean) {
  const count = h('span', { class: 'cart-count' });
  const show = (n: number) => {
    count.textContent = n > 0 ? `\u00a0(${n})` : '';
  };
  show(cartCount());
  onCartChange((lines) => show(lines.length));
  const item = navLink('/gio-hang/', bi('Giỏ hàng', 'Cart'), current);
  item.firstElementChild?.append(count);
  return item;
}

export function setupPage(options: PageOptions): Lang {
  const hint = sessionHint();
  const { section } = options;
  const signOutButton = h(
    'button',
    {
      type: 'button',
      class: 'nav-button',
      onclick: async () => {
        await signOut();
        location.assign('/');
      },
    },
    bi('Đăng xuất', 'Sign out'),
  );
  const header = h(
    'header',
    { class: 'site-header' },
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: '/' }, 'Chợ Số ', h('span', null, 'Cà Mau')),
      h('button', { id: 'lang-toggle', type: 'button', lang: 'en', class: 'lang' }, 'English'),
    ),
    h(
      'nav',
      { class: 'site-nav', 'aria-label': bi('Điều hướng chính', 'Main navigation') },
      h(
        'ul',
        null,
        navLink('/', bi('Cửa hàng', 'Shop'), section === 'shop'),
        cartLink(section === 'cart'),
        hint?.role === 'officer' || hint?.role === 'admin'
          ? navLink('/can-bo/', bi('Cán bộ', 'Officers'), section === 'officer')
          : navLink('/ban-hang/', bi('Bán hàng', 'Sell'), section === 'sell'),
        hint?.role === 'officer' || hint?.role === 'admin'
          ? navLink('/thong-ke/', bi('Thống kê', 'Statistics'), section === 'stats')
          : null,
        hint
          ? h('li', null, signOutButton)
          : navLink('/dang-nhap/', bi('Đăng nhập', 'Sign in'), section === 'signin'),
      ),
    ),
  );
  const skip = h(
    'a',
    { class: 'skip-link', href: '#main' },
    bi('Bỏ qua đến nội dung chính', 'Skip to main content'),
  );
  const footer = h(
    'footer',
    { class: 'site-footer' },
    h(
      'p',
      null,
      bi(
        'Chợ Số, dịch vụ của tỉnh Cà Mau: hợp tác xã, doanh nghiệp nhỏ và hộ kinh doanh bán hàng trực tuyến, thanh toán chuyển khoản VietQR. Mục tiêu 2030: thương mại điện tử chiếm 20% tổng mức bán lẻ, kinh tế số 20% GRDP.',
        'Chợ Số, a service of Ca Mau province: cooperatives, small businesses and household businesses sell online, paid by VietQR bank transfer. Targets for 2030: e-commerce 20% of retail, digital economy 20% of GRDP.',
      ),
    ),
    h(
      'ul',
      { class: 'footer-links' },
      h(
        'li',
        null,
        h('a', { href: '/ban-hang/dang-ky/' }, bi('Đăng ký bán hàng', 'Become a seller')),
      ),
      h(
        'li',
        null,
        h('a', { href: '/docs/' }, bi('Dành cho người lập trình (API)', 'For developers (API)')),
      ),
      h('li', null, h('a', { href: '/du-lieu-mo/' }, bi('Dữ liệu mở', 'Open data'))),
    ),
  );
  const main = document.querySelector('main');
  if (main && !main.id) main.id = 'main';
  main?.setAttribute('tabindex', '-1');
  // The built HTML carries the header's shell (scripts/page-shell.ts): take its place, no jump.
  const shell = document.querySelector('header.site-header[data-shell]');
  if (shell) {
    shell.replaceWith(header);
    header.before(skip);
  } else document.body.prepend(skip, header);
  document.body.append(footer);
  return setupLangToggle(options.onLangChange);
}
