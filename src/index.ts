/**
 * Leakproof's library API: re-exports only. The CLI (`leakproof`) is built on exactly these.
 *
 * @example
 *   const source = await openDatabase('postgres://…/prod', 'source');
 *   const target = await openDatabase('pglite:./test-copy', 'target');
 *   const policy = await loadPolicyFile('leakproof.yaml');
 *   await copyDatabase({ source, target, policy, keyed: new Keyed(process.env.LEAKPROOF_KEY!), replace: false });
 */
export type { DatabaseAdapter, EngineName, Queryable } from './adapters/adapter.js';
export { openDatabase } from './adapters/open-database.js';
export { openRegister } from './adapters/register/open-register.js';
export { fingerprintAgeWarning } from './check/fingerprints/fingerprint-age.js';
export { parseFingerprintFile, renderFingerprintFile } from './check/fingerprints/fingerprint-file.js';
export { FingerprintIndex } from './check/fingerprints/fingerprint-index.js';
export { mergeFingerprints } from './check/fingerprints/fingerprint-merge.js';
export { type FingerprintOutcome, fingerprintSource } from './check/fingerprints/fingerprint-source.js';
export type { Finding } from './check/matching/row-scanner.js';
export { type ScanOutcome, type ScanRequest, scanDatabase } from './check/scanning/scan-database.js';
export {
  type CopyOutcome,
  type CopyProgress,
  type CopyRequest,
  copyDatabase,
  type ReleaseFacts,
} from './copy/copy-database.js';
export * as detectors from './core/detectors.js';
export { Keyed } from './core/keyed.js';
export { buildDemoDatabase } from './demo/demo-database.js';
export { type ErrorCode, ExitCode, LeakproofError } from './errors.js';
export { checkCoverage, requireCoverage } from './policy/check-policy.js';
export { draftPolicyFor } from './policy/init-policy.js';
export { policyJsonSchema } from './policy/json-schema.js';
export { loadPolicyFile, parsePolicy } from './policy/load-policy.js';
export type { ColumnDecision, DataCategory, Policy, TablePolicy } from './policy/policy-model.js';
export type { CopyRecord, CopyRegister, CopyVerdict, RegisteredDatabase } from './register/copy-record.js';
export { defaultRegisterDirectory, registerUrl } from './register/register-location.js';
export { type RegisteredCopy, registeredCopyOf } from './register/registered-copy.js';
export { copyReport, failedReport } from './report/copy-report.js';
export { type RunReport, renderJsonReport } from './report/run-report.js';
export {
  type AffectedList,
  type BreachReport,
  breachReport,
  type VerificationReport,
  verificationReport,
} from './report/verification-report.js';
export type { ColumnModel, DatabaseSchema, TableModel } from './schema/model.js';
export { getTransform, transformNames } from './transforms/registry.js';
export type { TransformDefinition, ValueTransform } from './transforms/transform.js';
