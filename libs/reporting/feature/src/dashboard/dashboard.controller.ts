import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@spbe/platform';

const asset = (name: string) => readFileSync(join(__dirname, 'assets', name), 'utf8');

/**
 * The dashboard: one page, its script and styles (no build step, no third-party code). Served by
 * reporting at `/` and `/dashboard`; the all-in-one app serves it the same way. The page is public,
 * the data behind it needs the user's token.
 */
@ApiExcludeController()
@Controller()
export class DashboardController {
  private readonly files = { html: asset('dashboard.html'), js: asset('dashboard.js'), css: asset('dashboard.css') };

  @Public()
  @Get(['/', 'dashboard'])
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'")
  page() {
    return this.files.html;
  }

  @Public()
  @Get('dashboard/app.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script() {
    return this.files.js;
  }

  @Public()
  @Get('dashboard/app.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  styles() {
    return this.files.css;
  }
}
