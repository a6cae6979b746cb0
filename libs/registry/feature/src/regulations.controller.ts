import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { citationTable, getProfile, PROFILES } from '@spbe/regulations';

/** The regulation profiles, read-only (any authenticated user). */
@ApiTags('regulations')
@ApiBearerAuth()
@Controller('api/regulations/profiles')
export class RegulationsController {
  @Get()
  @ApiOperation({ summary: 'Every regulation profile: id, identity, summary' })
  list() {
    return { items: Object.values(PROFILES).map((p) => ({ id: p.id, identity: p.identity, summary: p.summary })) };
  }

  @Get(':profileId')
  @ApiOperation({ summary: 'One profile with every value and its citation (and the same as one line per value)' })
  get(@Param('profileId') profileId: string) {
    const profile = getProfile(profileId);
    return { ...profile, citations: citationTable(profile) };
  }
}
