import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context.js';
import * as catalogue from '../../../services/shop/catalogue.js';
import { orgCtx } from '../../auth.js';
import {
  orgCreateOptions,
  orgGetOptions,
  orgListOptions,
  orgQueryListOptions,
} from '../responses.js';
import { idString, orgParams, positiveRupiah } from '../schemas.js';
import {
  code,
  unit,
  barcode,
  outletSchema,
  tillSchema,
  supplierSchema,
  catalogueItem,
  productDetail,
} from './schemas.js';

/** Outlets, tills, suppliers, the catalogue and its products and prices. */
export async function shopCatalogueRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/shop/outlets',
    orgListOptions('shop.read', 'shop', 'Outlets of the shop', outletSchema),
    async (req) => ({ items: await catalogue.listOutlets(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/shop/outlets',
    orgCreateOptions(
      'shop.manage',
      'shop',
      "Add an outlet (the first one opens the shop's accounts in the chart)",
      orgParams,
      z
        .object({
          code,
          name: z.string().trim().min(2).max(100),
          address: z.string().trim().max(300).nullable().optional(),
        })
        .strict(),
      outletSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(await catalogue.createOutlet(deps, orgCtx(req), req.body)),
  );

  r.get(
    '/orgs/:orgId/shop/tills',
    orgListOptions(
      'shop.read',
      'shop',
      'Tills with their receipt series head (last number, last hash)',
      tillSchema,
    ),
    async (req) => ({ items: await catalogue.listTills(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/shop/tills',
    orgCreateOptions(
      'shop.manage',
      'shop',
      "Add a till on a cash desk (the desk's sessions are the cashiers' shifts)",
      orgParams,
      z
        .object({
          outletId: idString,
          code,
          name: z.string().trim().min(2).max(100),
          deskId: idString,
        })
        .strict(),
      tillSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await catalogue.createTill(deps, orgCtx(req), {
          outletId: BigInt(req.body.outletId),
          deskId: BigInt(req.body.deskId),
          code: req.body.code,
          name: req.body.name,
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/shop/suppliers',
    orgListOptions(
      'shop.read',
      'shop',
      'Suppliers, member producers on consignment among them',
      supplierSchema,
    ),
    async (req) => ({ items: await catalogue.listSuppliers(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/shop/suppliers',
    orgCreateOptions(
      'shop.manage',
      'shop',
      'Add a supplier; a consignment supplier (titip jual) must be a member',
      orgParams,
      z
        .object({
          name: z.string().trim().min(2).max(200),
          memberId: idString.nullable().optional(),
          phone: z
            .string()
            .regex(/^\+?[0-9]{6,16}$/)
            .nullable()
            .optional(),
          consignment: z.boolean(),
          marginBps: z.number().int().min(0).max(10_000).nullable().optional(),
        })
        .strict(),
      supplierSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await catalogue.createSupplier(deps, orgCtx(req), {
          ...req.body,
          memberId: req.body.memberId ? BigInt(req.body.memberId) : null,
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/shop/catalogue',
    orgQueryListOptions(
      'shop.read',
      'shop',
      "Every active product with units, barcodes, prices and the outlet's stock (a till's offline copy)",
      z.object({ outletId: idString.optional() }),
      catalogueItem,
    ),
    async (req) => ({
      items: await catalogue.catalogue(
        deps,
        orgCtx(req),
        req.query.outletId ? BigInt(req.query.outletId) : null,
      ),
    }),
  );

  r.post(
    '/orgs/:orgId/shop/products',
    orgCreateOptions(
      'shop.manage',
      'shop',
      'Add a product with its base unit, packs, barcodes and member/public prices',
      orgParams,
      z
        .object({
          sku: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
          name: z.string().trim().min(2).max(200),
          category: z.string().trim().min(2).max(60),
          baseUnit: unit,
          priceUnit: unit.optional(),
          priceUnitBase: z.number().int().min(1).max(1_000_000).optional(),
          weighed: z.boolean().optional(),
          memberPriceRupiah: positiveRupiah,
          publicPriceRupiah: positiveRupiah,
          consignorId: idString.nullable().optional(),
          reorderLevelBase: z
            .string()
            .regex(/^[0-9]{1,10}$/)
            .optional(),
          barcode: barcode.nullable().optional(),
          description: z.string().trim().max(2000).nullable().optional(),
          photoUrl: z.string().url().max(500).nullable().optional(),
          units: z
            .array(
              z
                .object({
                  unit,
                  factorBase: z.string().regex(/^[1-9][0-9]{0,8}$/),
                  barcode: barcode.nullable().optional(),
                  memberPriceRupiah: positiveRupiah.nullable().optional(),
                  publicPriceRupiah: positiveRupiah.nullable().optional(),
                })
                .strict(),
            )
            .max(10)
            .optional(),
        })
        .strict(),
      productDetail,
    ),
    async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(
        await catalogue.createProduct(deps, orgCtx(req), {
          ...b,
          memberPriceRupiah: BigInt(b.memberPriceRupiah),
          publicPriceRupiah: BigInt(b.publicPriceRupiah),
          consignorId: b.consignorId ? BigInt(b.consignorId) : null,
          reorderLevelBase: BigInt(b.reorderLevelBase ?? '0'),
          units: (b.units ?? []).map((u) => ({
            unit: u.unit,
            factorBase: BigInt(u.factorBase),
            barcode: u.barcode ?? null,
            memberPriceRupiah: u.memberPriceRupiah ? BigInt(u.memberPriceRupiah) : null,
            publicPriceRupiah: u.publicPriceRupiah ? BigInt(u.publicPriceRupiah) : null,
          })),
        }),
      );
    },
  );

  r.get(
    '/orgs/:orgId/shop/products/:productId',
    orgGetOptions(
      'shop.read',
      'shop',
      'A product: units, price history, stock per outlet, last moves',
      orgParams.extend({ productId: idString }),
      productDetail,
    ),
    async (req) => catalogue.productDetail(deps, orgCtx(req), BigInt(req.params.productId)),
  );

  r.put(
    '/orgs/:orgId/shop/products/:productId/prices',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['shop'],
        summary: 'New member and public prices from now on (the old ones stay in the history)',
        params: orgParams.extend({ productId: idString }),
        body: z
          .object({ memberPriceRupiah: positiveRupiah, publicPriceRupiah: positiveRupiah })
          .strict(),
        response: { 200: productDetail },
      },
    },
    async (req) =>
      catalogue.changePrice(deps, orgCtx(req), BigInt(req.params.productId), {
        memberPriceRupiah: BigInt(req.body.memberPriceRupiah),
        publicPriceRupiah: BigInt(req.body.publicPriceRupiah),
      }),
  );
}
