// The city file as the console reads it (`cityConfiguration.document`): the parts
// the settings views show and edit. The API's README describes the whole format.

export interface Bilingual {
  id: string;
  en: string;
}

export interface CategoryEntry {
  code: string;
  name: Bilingual;
  description?: Bilingual;
  group?: string;
  keywords?: string[];
  locationRequired?: boolean;
}

export interface GroupEntry {
  code: string;
  name: Bilingual;
}

export interface ChannelEntry {
  name: string;
  kind: 'webhook' | 'email' | 'open311';
  url?: string;
  email?: string;
  secretEnv?: string;
  jurisdictionId?: string;
  locale?: 'id' | 'en';
  serviceCodes?: Record<string, string>;
}

export interface AgencyEntry {
  slug: string;
  name: string;
  shortName?: string;
  jurisdiction: string;
  email?: string;
  triage?: boolean;
  defaultResponseHours?: number;
  escalatesTo?: string;
  channels?: ChannelEntry[];
}

export interface RuleEntry {
  name?: string;
  category?: string | null;
  jurisdiction?: string | null;
  agency: string;
  responseHours?: number;
}

export interface JurisdictionEntry {
  code: string;
  name?: string;
  timeZone?: string;
  workingDays?: number[];
  holidays?: { date: string; name: string }[];
}

export interface CityDocument {
  city: string;
  trackingCodePrefix: string;
  jurisdictions: JurisdictionEntry[];
  agencies: AgencyEntry[];
  categoryGroups: GroupEntry[];
  categories: CategoryEntry[];
  rules: RuleEntry[];
}
