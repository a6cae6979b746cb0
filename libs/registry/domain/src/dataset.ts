import { AuthError, Decider, EventEnvelope, InvariantError, NewEvent, parseStreamId, Role, ValidationError } from '@spbe/ledger-core';
import { EffectiveProfile, Fact, resolve, ruleBasisFor } from '@spbe/regulations';
import { assertEntityId, legalBasisOf, mustBeNew, oneOf, orderChecked, pastDate, registryStreamId, text } from './common';

/**
 * A data set (rules-matrix §6) with its owner OPD and classification; the owner's approval and the
 * Dinas managing it for integration — only after that approval where the profile says so (R-DAT-06).
 * Services (rules-matrix §12) are registered with their type and owner. Pure.
 */
export const CLASSIFICATIONS = ['terbuka', 'terbatas', 'rahasia'] as const;

export interface DatasetState {
  exists: boolean;
  datasetId?: string;
  name?: string;
  ownerUnitId?: string;
  classification?: (typeof CLASSIFICATIONS)[number];
  approvals: Fact[];
  managedByDinasFrom?: string | null;
}

interface Ctx {
  profile: EffectiveProfile;
  role: Role;
  today: string;
}

export type DatasetCommand =
  | (Ctx & { type: 'RegisterDataset'; datasetId: string; name: string; ownerUnitId: string; classification: string; ownerExists: boolean })
  | (Ctx & { type: 'GrantOwnerApproval'; approvedOn: string; reference: string; actingUnitId: string | null })
  | (Ctx & { type: 'StartDinasManagement'; startedOn: string });

export const datasetStreamId = (tenantId: string, datasetId: string) => registryStreamId(tenantId, 'dataset', datasetId);

export const datasetDecider: Decider<DatasetState, DatasetCommand> = {
  initialState: () => ({ exists: false, approvals: [] }),
  decide(c, s): NewEvent[] {
    if (c.type === 'RegisterDataset') {
      mustBeNew(s.exists, 'dataset', c.datasetId);
      assertEntityId(c.datasetId, 'datasetId');
      assertEntityId(c.ownerUnitId, 'ownerUnitId');
      if (!c.ownerExists) throw new ValidationError('ownerUnitId', `unit ${c.ownerUnitId} is not registered`);
      return [{ type: 'DatasetRegistered', payload: { name: text(c.name, 'name', 2, 200), ownerUnitId: c.ownerUnitId, classification: oneOf(c.classification, CLASSIFICATIONS, 'classification') } }];
    }
    if (!s.exists) throw new InvariantError('DATASET_NOT_FOUND', 'data set does not exist / data tidak ditemukan');
    const data = { datasetId: s.datasetId, ownerUnitId: s.ownerUnitId };
    if (c.type === 'GrantOwnerApproval') {
      if (c.role !== 'koordinator' && !(c.role === 'opd' && c.actingUnitId === s.ownerUnitId)) {
        throw new AuthError('forbidden', `persetujuan diberikan oleh PD pemilik data (${s.ownerUnitId}) / the approval is given by the owner PD`);
      }
      const payload = { ...data, approvedOn: pastDate(c.approvedOn, c.today, 'approvedOn'), reference: text(c.reference, 'reference', 1, 200) };
      // The data-owner approval the profile requires before Dinas management (Kupang Pasal 20(2)); none where it has no such rule.
      return [{ type: 'DataOwnerApprovalGranted', payload, legalBasis: ruleBasisFor(c.profile, { type: 'DataOwnerApprovalGranted', data: payload }) }];
    }
    if (c.role !== 'dinas') throw new AuthError('forbidden', 'the Dinas records that it manages the data / dicatat oleh Dinas');
    if (s.managedByDinasFrom) throw new InvariantError('DATASET_MANAGED', `managed by the Dinas since ${s.managedByDinasFrom}`);
    const startedOn = pastDate(c.startedOn, c.today, 'startedOn');
    const payload = { ...data, startedOn };
    // e.g. Kupang Pasal 20(2), Pasuruan Pasal 10(2): the article of the rule checked is the event's basis; none where the profile has no such rule.
    const legalBasis = orderChecked(c.profile, { eventId: 'new', type: 'DataManagedByDinas', date: startedOn, subject: { kind: 'unit', id: s.ownerUnitId! }, data: payload }, s.approvals);
    return [{ type: 'DataManagedByDinas', payload, legalBasis }];
  },
  evolve(s, e: EventEnvelope): DatasetState {
    const p = e.payload as Record<string, never>;
    switch (e.type) {
      case 'DatasetRegistered':
        return { exists: true, datasetId: parseStreamId(e.streamId).id, name: p.name, ownerUnitId: p.ownerUnitId, classification: p.classification, approvals: [], managedByDinasFrom: null };
      case 'DataOwnerApprovalGranted':
        return { ...s, approvals: [...s.approvals, { eventId: e.eventId, type: e.type, date: p.approvedOn, subject: { kind: 'unit', id: s.ownerUnitId! }, data: p }] };
      case 'DataManagedByDinas':
        return { ...s, managedByDinasFrom: p.startedOn };
      default:
        return s;
    }
  },
};

export const SERVICE_TYPES = ['administrasi', 'publik'] as const;

export interface ServiceState {
  exists: boolean;
  serviceId?: string;
  name?: string;
  type?: (typeof SERVICE_TYPES)[number];
  category?: string;
  ownerUnitId?: string;
  listedIn?: { regulation: string; article: string } | null;
}

export interface RegisterService {
  type: 'RegisterService';
  profile: EffectiveProfile;
  serviceId: string;
  name: string;
  serviceType: string;
  category: string;
  ownerUnitId: string;
  ownerExists: boolean;
}

/**
 * Where the regulation enumerates the services (R-SVC-01), the article listing this category;
 * null when it is not one of them (or the regulation enumerates none) — recorded, not refused.
 */
export function listedCategory(profile: EffectiveProfile, type: (typeof SERVICE_TYPES)[number], category: string): { regulation: string; article: string } | null {
  const lists = type === 'administrasi' ? [profile.services.administrative] : [profile.services.public, profile.services.sectors];
  const wanted = category.trim().toLowerCase();
  for (const l of lists) {
    const r = resolve(l);
    if (r && r.value.some((x) => x.toLowerCase() === wanted)) return legalBasisOf(r.citation);
  }
  return null;
}

export const serviceStreamId = (tenantId: string, serviceId: string) => registryStreamId(tenantId, 'service', serviceId);

export const serviceDecider: Decider<ServiceState, RegisterService> = {
  initialState: () => ({ exists: false }),
  decide(c, s): NewEvent[] {
    mustBeNew(s.exists, 'service', c.serviceId);
    assertEntityId(c.serviceId, 'serviceId');
    if (!c.ownerExists) throw new ValidationError('ownerUnitId', `unit ${c.ownerUnitId} is not registered`);
    const type = oneOf(c.serviceType, SERVICE_TYPES, 'type');
    const category = text(c.category, 'category', 2, 200);
    const listedIn = listedCategory(c.profile, type, category);
    return [{ type: 'ServiceRegistered', payload: { name: text(c.name, 'name', 2, 200), type, category, ownerUnitId: c.ownerUnitId, listedIn }, legalBasis: listedIn }];
  },
  evolve(s, e: EventEnvelope): ServiceState {
    const p = e.payload as Record<string, never>;
    return e.type === 'ServiceRegistered' ? { exists: true, serviceId: parseStreamId(e.streamId).id, name: p.name, type: p.type, category: p.category, ownerUnitId: p.ownerUnitId, listedIn: p.listedIn } : s;
  },
};
