import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/context.js';
import { shopCatalogueRoutes } from './shop/catalogue.js';
import { shopReportRoutes } from './shop/reports.js';
import { shopSalesRoutes } from './shop/sales.js';
import { shopStockRoutes } from './shop/stock.js';

/**
 * The shop (issue 18; docs/domain/shop.md, docs/domain/shop-pos.md): set-up and catalogue, stock,
 * the point of sale, consignment and reports, one route file each under ./shop/.
 */
export async function shopRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  await shopCatalogueRoutes(api, deps);
  await shopStockRoutes(api, deps);
  await shopSalesRoutes(api, deps);
  await shopReportRoutes(api, deps);
}
