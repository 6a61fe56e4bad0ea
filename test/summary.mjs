#!/usr/bin/env node
/**
 * Prints the one line CI ends with, `N passed, N failed`, over every test of
 * every vitest project, from vitest's JSON report, and exits non-zero when
 * anything failed.
 *
 * Usage: node test/summary.mjs <vitest.json> [vitest exit code]
 * The exit code matters when vitest failed without a failed test in the report
 * (a file that could not load, a crash before writing the report): that run
 * must still fail, so it counts as one failure.
 */
import { readFileSync } from 'node:fs';

const [reportPath, vitestExitArg = '0'] = process.argv.slice(2);
const vitestExit = Number(vitestExitArg) || 0;

function readReport(path) {
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.error(`summary: cannot read ${path}: ${error.message}`);
    return undefined;
  }
}

const report = readReport(reportPath);
let passed = report?.numPassedTests ?? 0;
let failed = report?.numFailedTests ?? 0;

// A test file that fails to load has no test results, only a failed status.
for (const file of report?.testResults ?? []) {
  if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
    console.error(`summary: ${file.name} failed to run: ${file.message ?? 'no message'}`);
    failed += 1;
  }
}
if ((vitestExit !== 0 || report === undefined) && failed === 0) {
  console.error(`summary: vitest exited ${vitestExit} without a failed test in its report`);
  failed = 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? Math.max(vitestExit, 1) : 0;
