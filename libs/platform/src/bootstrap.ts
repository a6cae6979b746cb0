import { INestApplication, Logger, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigError, LedgerConfig } from '@spbe/ledger-core';

export interface AppOptions {
  title: string;
  description: string;
}

/** Applies the cross-cutting HTTP setup: validation, body limit, OpenAPI at /api/docs. */
export function configureApp(app: INestApplication, config: LedgerConfig, options: AppOptions): void {
  const express = app as NestExpressApplication;
  // JSON bodies: the event payload limit plus room for the envelope around it.
  express.useBodyParser('json', { limit: config.maxPayloadBytes + 64 * 1024 });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
}

export async function createApp(module: Type<unknown>, config: LedgerConfig, options: AppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger: process.env.NODE_ENV === 'test' ? ['error', 'warn'] : ['error', 'warn', 'log'] });
  configureApp(app, config, options);
  return app;
}

/** Runs an app's main(): a configuration error is printed as one line and the process exits 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration error: ${err.message}\n`);
    } else {
      new Logger('Startup').error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    }
    process.exit(1);
  });
}
