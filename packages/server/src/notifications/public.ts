/** Who to notify, for the domains that announce their events (referrals, cases). */
export { partnerOfficersOf, puskesosStaffOf, supervisorsOf, usersCoveringVillage } from './queries.ts';
