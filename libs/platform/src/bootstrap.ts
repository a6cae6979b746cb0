import { INestApplication, Logger, Module, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigError, LedgerConfig, loadConfig } from '@spbe/ledger-core';
import { PlatformModule } from './platform.module';

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

export interface ServiceSpec {
  /** Service name, e.g. `architecture-registry`. */
  name: string;
  port: number;
  /** Contexts whose events this service forwards from the store to Kafka. */
  forwards: string[];
  feature: Type<unknown>;
  description: string;
}

/** main() of a distributed service: PostgreSQL or EventStoreDB, Kafka and MongoDB by default. */
export function runService(spec: ServiceSpec): void {
  runMain(async () => {
    const config = loadConfig(process.env, { port: spec.port, eventStore: 'postgres', bus: 'kafka', readModels: 'mongo' });
    @Module({ imports: [PlatformModule.forRoot(config, { name: spec.name, forwards: spec.forwards, persistentForwarderCheckpoint: true }), spec.feature] })
    class ServiceModule {}
    const app = await createApp(ServiceModule, config, { title: `SPBE Governance Ledger — ${spec.name}`, description: spec.description });
    await app.listen(config.port, config.host);
    process.stdout.write(`${spec.name} listening on http://${config.host}:${config.port} (event store: ${config.eventStore}, bus: ${config.bus}, read models: ${config.readModels})\n`);
  });
}
