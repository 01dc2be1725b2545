import type { Lang } from '../../shared/i18n/messages';
import { formatVnd } from '../../shared/money';
import { ApiError, api } from '../lib/api';
import { setupLangToggle } from '../lib/i18n';

interface Health {
  status: 'ok' | 'degraded' | 'unavailable';
  entities: Record<string, number>;
}

const texts = {
  vi: {
    ok: 'Hệ thống hoạt động bình thường',
    degraded: 'Hệ thống hoạt động, một số tác vụ định kỳ đang chậm',
    unavailable: 'Hệ thống tạm thời gián đoạn',
    sellers: 'người bán',
    products: 'sản phẩm',
  },
  en: {
    ok: 'All systems normal',
    degraded: 'Running; some scheduled work is late',
    unavailable: 'Temporarily unavailable',
    sellers: 'sellers',
    products: 'products',
  },
};

let health: Health | undefined;
let failure: ApiError | undefined;

function render(lang: Lang) {
  const status = document.querySelector<HTMLElement>('#status');
  if (!status) return;
  if (failure) {
    status.textContent = failure.text(lang);
    status.dataset.state = 'unavailable';
    return;
  }
  if (!health) return;
  const t = texts[lang];
  const sellers = health.entities.seller ?? 0;
  const products = health.entities.product ?? 0;
  status.dataset.state = health.status;
  status.textContent = `${t[health.status]} · ${sellers} ${t.sellers} · ${products} ${t.products}`;
}

const lang = setupLangToggle(render);
for (const el of document.querySelectorAll<HTMLElement>('[data-vnd]')) {
  el.textContent = formatVnd(Number(el.dataset.vnd));
}
api<Health>('/api/health')
  .then((h) => {
    health = h;
  })
  .catch((err: unknown) => {
    failure = err instanceof ApiError ? err : new ApiError('internal', 0, String(err));
  })
  .finally(() => render(document.documentElement.lang === 'en' ? 'en' : lang));
