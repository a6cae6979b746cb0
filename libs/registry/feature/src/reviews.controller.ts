import { Body, Controller, Get, Headers as Hdrs, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Principal } from '@spbe/ledger-core';
import { CurrentPrincipal } from '@spbe/platform';
import { REVIEW_SUBJECTS, reviewDecider, ReviewSubject, reviewStreamId } from '@spbe/registry-domain';
import { actingRole, Headers, RegistryStore, today } from './registry.store';
import { DocumentDto } from './architectures.controller';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RecordReviewDto {
  @ApiProperty({ example: 'reviu-proses-bisnis-2026' })
  @IsString()
  reviewId!: string;

  @ApiProperty({ enum: REVIEW_SUBJECTS, description: 'business-process, intra-network (Jaringan Intra) or data-centre-usage (layanan pusat data)' })
  @IsIn(REVIEW_SUBJECTS as unknown as string[])
  subject!: ReviewSubject;

  @ApiProperty({ example: '2026-06-15', description: 'When the review was held (not in the future)' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: 'Reviu proses bisnis seluruh Perangkat Daerah tahun 2026' })
  @IsString()
  @Length(3, 4000)
  summary!: string;

  @ApiPropertyOptional({ type: [DocumentDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DocumentDto)
  documents?: DocumentDto[];
}

/** Tenant-wide reviews the profile requires (business processes, Jaringan Intra, data-centre use). */
@ApiTags('registry: reviews')
@ApiBearerAuth()
@Controller('api/registry/tenants/:tenantId')
export class ReviewsController {
  constructor(private readonly registry: RegistryStore) {}

  @Post('reviews')
  @HttpCode(201)
  @ApiOperation({ summary: "Record a tenant-wide review (by the role of the body the profile names; 403 naming the article otherwise; 422 when the profile sets no such duty)" })
  async record(@Param('tenantId') tenantId: string, @Body() dto: RecordReviewDto, @CurrentPrincipal() principal: Principal, @Hdrs() headers: Headers) {
    const role = actingRole(principal, tenantId, ['opd', 'dinas', 'koordinator']);
    const { profile } = await this.registry.tenant(tenantId);
    const command = { type: 'RecordReview' as const, ...dto, profile, role, today: today() };
    return this.registry.execute(reviewDecider, reviewStreamId(tenantId, dto.reviewId), command, { principal, headers, tenantId, role }, { creates: true, id: dto.reviewId, what: 'review' });
  }

  @Get('reviews')
  @ApiOperation({ summary: 'Every tenant-wide review of the Pemda' })
  async reviews(@Param('tenantId') tenantId: string) {
    await this.registry.tenant(tenantId);
    return { items: await this.registry.registryAll(reviewDecider, tenantId, 'review') };
  }

  @Get('reviews/:reviewId')
  @ApiOperation({ summary: 'Current state of a review' })
  review(@Param('tenantId') tenantId: string, @Param('reviewId') id: string) {
    return this.registry.get(reviewDecider, reviewStreamId(tenantId, id), 'review', id);
  }

  @Get('reviews/:reviewId/history')
  reviewHistory(@Param('tenantId') tenantId: string, @Param('reviewId') id: string) {
    return this.registry.history(reviewStreamId(tenantId, id), 'review', id);
  }
}
