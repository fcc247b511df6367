import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { areaTimeZone, MonthlyReport, MonthlyReportQuery } from '@slrt/core';
import { ctx } from '../http/context.ts';
import { errorResponses } from '../http/schemas.ts';
import { reportPdf, reportXlsx, XLSX_TYPE } from './render.ts';
import { monthlyReport } from './service.ts';

/** Reports upward: the monthly SLRT report of a village, kecamatan or the kabupaten, as JSON, PDF or XLSX. */
export async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { deps } = fastify;

  app.get('/api/v1/reports/monthly', {
    config: { permission: 'reports.read' },
    schema: {
      tags: ['reports'],
      description: 'The SLRT report of an area (village, kecamatan, kabupaten) for a month (`period=YYYY-MM`), quarter (`YYYY-Qn`), year (`YYYY`), or the dates `from`..`to` (inclusive; default this month; 400 when `to` is before `from`): cases by sector and decision, referrals by partner and result, time to service, usulan, funding by source, Puskesos capacity, outreach, villages that reported nothing. Small counts suppressed for readers without personal-data access.',
      querystring: MonthlyReportQuery,
      produces: ['application/json', 'application/pdf', XLSX_TYPE],
      response: { 200: MonthlyReport, ...errorResponses },
    },
  }, async (request, reply) => {
    const c = ctx(request);
    const { area, format } = request.query;
    const report = await monthlyReport(deps, c, area, request.query);
    reply.header('cache-control', 'private, no-store');
    if (format === 'json') return report;
    const stem = `laporan-slrt-${report.area.code.replace(/\./g, '')}-${report.period.label}`;
    const body = format === 'pdf' ? await reportPdf(deps, report, c.locale, areaTimeZone(report.area.code)) : await reportXlsx(report, c.locale);
    return reply
      .header('content-type', format === 'pdf' ? 'application/pdf' : XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${stem}.${format}"`)
      .send(body as never);
  });
}
