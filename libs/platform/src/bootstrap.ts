import { INestApplication, Logger, Module, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger as Pino } from 'pino';
import { ConfigError, LedgerConfig, loadConfig } from '@spbe/ledger-core';
import { createJsonLogger, defaultLogLevel, PinoLoggerService, requestContextAfterBody, requestLogging } from './logging';
import { PlatformModule } from './platform.module';
import { bodyErrorNormalizer, contentNegotiationGuard, jsonDepthLimit } from './request-guards';

export interface AppOptions {
  title: string;
  description: string;
  /** The service name on every log line (default `ledger`, the all-in-one app). */
  service?: string;
}

/**
 * Applies the cross-cutting HTTP setup, in request order: request id and one JSON log line per
 * request; security headers (helmet); Content-Encoding and charset checks; the JSON body parser with
 * its size limit and the nesting-depth check before parsing; validation; OpenAPI at /api/docs.
 */
export function configureApp(app: INestApplication, config: LedgerConfig, options: AppOptions, logger?: Pino): void {
  const express = app as NestExpressApplication;
  express.use(requestLogging(logger ?? createJsonLogger({ level: defaultLogLevel(config.logLevel), service: options.service ?? 'ledger' })));
  // The dashboard sets its own, stricter Content-Security-Policy on its page (DashboardController), which
  // replaces this default there. No upgrade-insecure-requests: the embedded mode serves plain HTTP on a LAN.
  express.use(helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } }));
  express.use(contentNegotiationGuard());
  // JSON bodies: the event payload limit plus room for the envelope around it.
  express.useBodyParser('json', { limit: config.maxPayloadBytes + 64 * 1024, verify: jsonDepthLimit(config.maxJsonDepth) });
  express.use(bodyErrorNormalizer());
  express.use(requestContextAfterBody());
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

/** The Nest app with JSON logs (LOG_LEVEL; warn under NODE_ENV=test, so tests stay quiet). */
export async function createApp(module: Type<unknown>, config: LedgerConfig, options: AppOptions): Promise<INestApplication> {
  const logger = createJsonLogger({ level: defaultLogLevel(config.logLevel), service: options.service ?? 'ledger' });
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, abortOnError: false, logger: new PinoLoggerService(logger) });
  configureApp(app, config, options, logger);
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
    const app = await createApp(ServiceModule, config, { title: `SPBE Governance Ledger — ${spec.name}`, description: spec.description, service: spec.name });
    await app.listen(config.port, config.host);
    process.stdout.write(`${spec.name} listening on http://${config.host}:${config.port} (event store: ${config.eventStore}, bus: ${config.bus}, read models: ${config.readModels})\n`);
  });
}
