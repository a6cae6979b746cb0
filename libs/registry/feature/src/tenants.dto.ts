import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { OVERRIDABLE_PATHS, PROFILE_IDS } from '@spbe/regulations';

export class RegisterTenantDto {
  @ApiProperty({ example: 'kota-kupang', description: 'Stable id of the Pemda' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'tenantId must be lower-case letters, digits and dashes, e.g. kota-kupang' })
  tenantId!: string;

  @ApiProperty({ example: 'Pemerintah Kota Kupang' })
  @IsString()
  @Length(3, 200)
  name!: string;

  @ApiProperty({ enum: ['kota', 'kabupaten'] })
  @IsIn(['kota', 'kabupaten'])
  kind!: 'kota' | 'kabupaten';

  @ApiProperty({ enum: PROFILE_IDS, description: 'Regulation profile governing this Pemda' })
  @IsIn(PROFILE_IDS as unknown as string[], { message: `profileId must be one of ${PROFILE_IDS.join(', ')}` })
  profileId!: string;

  @ApiPropertyOptional({ example: '2024-03-01', description: 'Date the regulation took effect, where its copy leaves it blank (draft / pre-promulgation profiles)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'inForceFrom must be YYYY-MM-DD' })
  inForceFrom?: string;
}

export class DecreeDto {
  @ApiProperty({ example: '188.45/12/HK/2026', description: 'Nomor keputusan' })
  @IsString()
  @Length(1, 200)
  number!: string;

  @ApiProperty({ example: '2026-01-05', description: 'Tanggal keputusan (YYYY-MM-DD), not in the future' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'decree.date must be YYYY-MM-DD' })
  date!: string;

  @ApiProperty({ example: 'Wali Kota Kupang', description: 'Penandatangan' })
  @IsString()
  @Length(1, 200)
  signer!: string;

  @ApiPropertyOptional({ example: 'Penetapan siklus penyerahan diagram LAN' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  title?: string;
}

export class LegalBasisDto {
  @ApiProperty({ example: 'kepwal-kupang-12-2026', description: 'Id of the Pemda instrument' })
  @IsString()
  @Length(1, 200)
  regulation!: string;

  @ApiProperty({ example: 'Diktum KESATU' })
  @IsString()
  @Length(1, 200)
  article!: string;
}

export class OverrideProfileValueDto {
  @ApiProperty({ example: 'obligations.R-INF-05.cadence', description: `What to set: ${OVERRIDABLE_PATHS.map((p) => p.pattern).join(', ')}` })
  @IsString()
  @Length(1, 200)
  path!: string;

  @ApiProperty({ example: { every: { years: 1 }, window: 'rolling' }, description: OVERRIDABLE_PATHS.map((p) => `${p.pattern}: ${p.value}`).join('; ') })
  @IsDefined()
  value!: unknown;

  @ApiProperty({ type: DecreeDto })
  @ValidateNested()
  @Type(() => DecreeDto)
  decree!: DecreeDto;

  @ApiProperty({ type: LegalBasisDto })
  @ValidateNested()
  @Type(() => LegalBasisDto)
  legalBasis!: LegalBasisDto;
}
