// Reads a city configuration file (JSON or YAML) and the boundary files it names,
// and checks everything that the files alone can tell. What needs the database
// (does this jurisdiction exist?) is checked by applyCityConfig.
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { readBoundaryFeatures, type BoundaryFeature } from './boundaries.js';
import { CityConfigError, throwIfIssues, type CityConfigIssue } from './errors.js';
import { cityConfigSchema, type CityConfig } from './schema.js';

const gunzipAsync = promisify(gunzip);

export interface LoadedCityConfig {
  /** Absolute path of the config file, for messages. */
  path: string;
  config: CityConfig;
  /** Every feature of every boundary file, in file order. */
  features: BoundaryFeature[];
  /** Where each feature came from (`boundaries[1].features[3]`), by code, for messages. */
  featurePaths: Map<string, string>;
}

export async function loadCityConfig(path: string): Promise<LoadedCityConfig> {
  const absolute = resolve(path);
  const label = basename(absolute);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new CityConfigError([{ path: label, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  const raw = /\.ya?ml$/i.test(absolute) ? parseYaml(text, label) : parseJson(text, label);
  const config = validateCityConfig(raw);
  const issues: CityConfigIssue[] = [];
  const features: BoundaryFeature[] = [];
  const featurePaths = new Map<string, string>();
  const baseDir = dirname(absolute);
  for (const [index, boundary] of config.boundaries.entries()) {
    const at = `boundaries[${index}]`;
    const document = await readBoundaryFile(resolve(baseDir, boundary.file), `${at}.file`, boundary.file, issues);
    if (document === undefined) continue;
    for (const [f, feature] of readBoundaryFeatures(document, at, boundary.file, issues).entries()) {
      const featureAt = `${at}.features[${f}]`;
      const earlier = featurePaths.get(feature.code);
      if (earlier) {
        issues.push({ path: `${featureAt}.properties.code`, message: `duplicate jurisdiction code "${feature.code}" (also ${earlier})` });
        continue;
      }
      featurePaths.set(feature.code, featureAt);
      features.push(feature);
    }
  }
  throwIfIssues(issues);
  return { path: absolute, config, features, featurePaths };
}

/** Checks a parsed document against the schema; throws a CityConfigError listing every problem. */
export function validateCityConfig(raw: unknown): CityConfig {
  const result = cityConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new CityConfigError(result.error.issues.map(toIssue));
}

function toIssue(issue: z.core.$ZodIssue): CityConfigIssue {
  const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
  return { path: path || '(file)', message: issue.message };
}

function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    // V8 names a character offset; people need a line and column.
    const position = /position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : '';
    throw new CityConfigError([{ path: label, message: `JSON syntax error${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}` }]);
  }
}

function parseYaml(text: string, label: string): unknown {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) {
    const start = error.linePos?.[0];
    const where = start ? ` at line ${start.line}, column ${start.col}` : '';
    // The library's own message repeats the position and quotes the source; keep the first sentence.
    const what = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new CityConfigError([{ path: label, message: `YAML syntax error${where}: ${what}` }]);
  }
  return document.toJS();
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

async function readBoundaryFile(file: string, at: string, label: string, issues: CityConfigIssue[]): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    issues.push({
      path: at,
      message:
        code === 'ENOENT'
          ? `boundary file "${label}" does not exist (looked in ${file})`
          : `boundary file "${label}" cannot be read (${code ?? (error as Error).message})`,
    });
    return undefined;
  }
  try {
    const text = file.endsWith('.gz') ? (await gunzipAsync(bytes)).toString('utf8') : bytes.toString('utf8');
    return JSON.parse(text);
  } catch (error) {
    issues.push({ path: at, message: `boundary file "${label}" is not valid ${file.endsWith('.gz') ? 'gzipped ' : ''}JSON (${(error as Error).message})` });
    return undefined;
  }
}
