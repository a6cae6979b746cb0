import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { PROFILE_IDS } from '@spbe/regulations';

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
}
