import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import admin from './admin.json';
import assessments from './assessments.json';
import bagiHasil from './bagi-hasil.json';
import baitulMaal from './baitul-maal.json';
import books from './books.json';
import caseFile from './case-file.json';
import dps from './dps.json';
import { inLanguage, type Catalogue, type Lang } from './catalogue';
import counter from './counter.json';
import dashboard from './dashboard.json';
import earlyWarning from './early-warning.json';
import funding from './funding.json';
import inspections from './inspections.json';
import koperasiModern from './koperasi-modern.json';
import latePayment from './late-payment.json';
import loans from './loans.json';
import marketplace from './marketplace.json';
import mediation from './mediation.json';
import members from './members.json';
import mlijo from './mlijo.json';
import officerQueue from './officer-queue.json';
import profitSharing from './profit-sharing.json';
import rat from './rat.json';
import ratBallot from './rat-ballot.json';
import ratMeeting from './rat-meeting.json';
import ratKeyholder from './rat-keyholder.json';
import registry from './registry.json';
import shell from './shell.json';
import shop from './shop.json';
import shopPos from './shop-pos.json';
import shopReports from './shop-reports.json';
import shu from './shu.json';
import supervisionDashboard from './supervision-dashboard.json';
import supervisionReports from './supervision-reports.json';
import training from './training.json';

export type { Lang } from './catalogue';

/**
 * Every string of the web app, one catalogue per area (web/src/i18n/*.json, each message's id and
 * en side by side, so neither can be left out); assigning them to Catalogue checks their shape.
 */
const catalogue: Catalogue = {
  ...shell,
  ...members,
  ...counter,
  ...loans,
  ...profitSharing,
  ...latePayment,
  ...books,
  ...admin,
  ...dashboard,
  ...assessments,
  ...earlyWarning,
  ...rat,
  ...ratMeeting,
  ...ratBallot,
  ...ratKeyholder,
  ...caseFile,
  ...mediation,
  ...inspections,
  ...training,
  ...koperasiModern,
  ...funding,
  ...officerQueue,
  ...registry,
  ...supervisionDashboard,
  ...supervisionReports,
  ...baitulMaal,
  ...dps,
  ...bagiHasil,
  ...shu,
  ...mlijo,
  ...shopPos,
  ...shopReports,
  ...shop,
  ...marketplace,
};

export const savedLang = (): Lang => (localStorage.getItem('sokoguru.lang') === 'en' ? 'en' : 'id');

void i18n.use(initReactI18next).init({
  resources: {
    id: { translation: inLanguage(catalogue, 'id') },
    en: { translation: inLanguage(catalogue, 'en') },
  },
  lng: savedLang(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
});

export function setLang(lang: Lang): void {
  localStorage.setItem('sokoguru.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export default i18n;
