import { setupPage } from '../lib/layout';

setupPage({ section: 'none' });
