import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@spbe/platform';
import { DASHBOARD_HTML } from './dashboard.html';

@ApiExcludeController()
@Controller()
export class DashboardController {
  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  index() {
    return DASHBOARD_HTML;
  }
}
