import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import {
  assertRole,
  buildExportBundle,
  COSIGNATURE_EVENT,
  cosignatureStreamOf,
  Cosignature,
  EventStore,
  InvariantError,
  keyIdOf,
  NotFoundError,
  Principal,
  proveInclusion,
  readCheckpoints,
  RuleViolationError,
  sealedOf,
  ValidationError,
  verifyCosignature,
} from '@spbe/ledger-core';
import { CurrentPrincipal, EVENT_STORE, PlatformOperation } from '@spbe/platform';
import { createPublicKey } from 'node:crypto';
import { KnownTenantGuard } from './known-tenant.guard';
import { ReportingService } from './reporting.service';
import { LedgerVerifier } from './verification';

export class CosignatureDto {
  @ApiProperty({ description: "The witness's Ed25519 public key (SPKI PEM)" })
  @IsString()
  @Length(40, 2000)
  publicKeyPem!: string;

  @ApiProperty({ description: 'Base64 Ed25519 signature over the canonical JSON of the checkpoint body' })
  @IsString()
  @Length(40, 200)
  signature!: string;
}

const WITNESS_ROLES = ['inspektorat'] as const;

/**
 * The ledger's integrity, for the Inspektorat and its witness: a tenant's verification (its streams
 * complete up to the signed stream heads), inclusion proofs, the offline-verifiable bundle, and the
 * checkpoints a witness checks and cosigns.
 */
@ApiTags('reporting: integrity')
@ApiBearerAuth()
@UseGuards(KnownTenantGuard)
@Controller()
export class IntegrityController {
  constructor(
    private readonly reporting: ReportingService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly verifier: LedgerVerifier,
  ) {}

  @Get('api/reporting/tenants/:tenantId/integrity/export')
  @ApiOperation({
    summary:
      'The audit trail as an offline-verifiable bundle (every stream up to the latest checkpoint, the stream heads it committed, the signed checkpoints with consistency proofs, witness cosignatures, public key); check it with `npm run verify -- --export <file>` (inspektorat, koordinator, admin)',
  })
  async exportBundle(@Param('tenantId') tenantId: string, @CurrentPrincipal() principal: Principal) {
    assertRole(principal, ['inspektorat', 'koordinator', 'admin']);
    const { key } = this.reporting.sealing();
    await this.reporting.attest(tenantId);
    return buildExportBundle(this.store, tenantId, key);
  }

  @Get('api/reporting/tenants/:tenantId/integrity/verify')
  @ApiOperation({
    summary:
      "Re-checks every stream chain of the Pemda, every ledger checkpoint, and that every stream the latest checkpoint sealed is complete; ok, or the first broken link or omission (stream, version, reason). Answered from a cache (cached: true, verifiedAt) while neither the Pemda's stream heads nor the checkpoints changed; at most a few verifications run at once",
  })
  async verify(@Param('tenantId') tenantId: string) {
    return this.verifier.verifyTenant(tenantId, this.reporting.trustedKeys());
  }

  @Post('api/ops/ledger/verify')
  @PlatformOperation()
  @ApiOperation({ summary: "The full re-check on demand (platform operator): the whole log — every checkpoint's block against the stored events, the cumulative roots, the tenant leaves — then every sealed Pemda's streams read afresh (the verification cache is dropped)" })
  async verifyAll() {
    return this.verifier.verifyFull(this.reporting.trustedKeys());
  }

  @Get('api/reporting/tenants/:tenantId/integrity/proof/:eventId')
  @ApiOperation({ summary: 'Inclusion proof of an event in the log the latest checkpoint signed' })
  async proof(@Param('tenantId') tenantId: string, @Param('eventId') eventId: string) {
    const event = await this.store.findEvent(eventId);
    if (!event || event.tenantId !== tenantId) throw new NotFoundError('event', eventId);
    const proof = await proveInclusion(this.store, event);
    if (!proof) throw new InvariantError('NOT_YET_SEALED', `event ${eventId} is not sealed in a checkpoint yet / belum disegel; try again after the next checkpoint`, { eventId });
    return { ...proof, publicKey: this.reporting.signingKey?.publicKey.export({ type: 'spki', format: 'pem' }).toString() ?? null };
  }

  @Get('api/reporting/ledger/checkpoints')
  @ApiOperation({ summary: 'The signed checkpoints after a sequence, each with its consistency proof from the previous one: what a witness checks before cosigning (inspektorat, koordinator, admin)' })
  @ApiQuery({ name: 'from', required: false, description: 'first sequence to return (default 0)' })
  async checkpoints(@Query('from') from: string | undefined, @CurrentPrincipal() principal: Principal) {
    assertRole(principal, ['inspektorat', 'koordinator', 'admin']);
    if (from !== undefined && !/^\d{1,9}$/.test(from)) throw new ValidationError('from', 'must be a checkpoint sequence number');
    const first = from === undefined ? 0 : Number(from);
    const items = (await readCheckpoints(this.store)).filter((c) => c.sequence >= first).map((c) => ({ ...sealedOf(c), ...(c.consistency ? { consistency: c.consistency } : {}) }));
    return { items };
  }

  @Post('api/reporting/ledger/checkpoints/:sequence/cosignatures')
  @HttpCode(201)
  @ApiOperation({ summary: "Record a witness's cosignature of a checkpoint (inspektorat); refused (422) unless it is a valid Ed25519 signature of exactly that checkpoint" })
  async cosign(@Param('sequence') sequence: string, @Body() dto: CosignatureDto, @CurrentPrincipal() principal: Principal) {
    assertRole(principal, [...WITNESS_ROLES]);
    if (!/^\d{1,9}$/.test(sequence)) throw new ValidationError('sequence', 'must be a checkpoint sequence number');
    const checkpoint = (await readCheckpoints(this.store)).find((c) => c.sequence === Number(sequence));
    if (!checkpoint) throw new NotFoundError('checkpoint', sequence);
    let witnessKeyId: string;
    try {
      witnessKeyId = keyIdOf(createPublicKey(dto.publicKeyPem));
    } catch {
      throw new ValidationError('publicKeyPem', 'is not a public key (SPKI PEM)');
    }
    const cosignature: Cosignature = { sequence: checkpoint.sequence, root: checkpoint.root, witnessKeyId, publicKeyPem: dto.publicKeyPem, signature: dto.signature, cosignedAt: new Date().toISOString() };
    if (!verifyCosignature(cosignature, sealedOf(checkpoint))) {
      throw new RuleViolationError('COSIGNATURE_INVALID', `the signature is not a valid cosignature of checkpoint ${sequence} by key ${witnessKeyId} / tanda tangan saksi tidak sah`, { regulation: 'spbe-ledger', article: 'witness cosignature' });
    }
    const r = await this.store.append({
      streamId: cosignatureStreamOf(witnessKeyId),
      expectedVersion: 'any',
      events: [{ type: COSIGNATURE_EVENT, payload: cosignature as unknown as Record<string, unknown> }],
      context: { actor: { id: principal.id, name: principal.name, role: 'inspektorat', unitId: principal.unitId } },
    });
    return { sequence: checkpoint.sequence, witnessKeyId, eventIds: r.events.map((e) => e.eventId) };
  }
}
