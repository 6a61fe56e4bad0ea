#!/usr/bin/env node
/**
 * Puts the ffmpeg of a target platform and architecture into
 * node_modules/ffmpeg-static/, where electron-builder packs it (outside the asar,
 * electron-builder.yml asarUnpack) and the packaged app finds it
 * (main/app/policies/app-paths.ts). ffmpeg-static downloads only the build
 * machine's binary at install time, and not at all when FFMPEG_BIN is set (as
 * .ci/setup does), so every installer build fetches its target's first.
 *
 *   node resources/fetch-ffmpeg.mjs darwin arm64     (network needed)
 *   node resources/fetch-ffmpeg.mjs                  (this machine's, to undo the above)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [platform = process.platform, arch = process.arch] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'node_modules', 'ffmpeg-static');
if (!existsSync(path.join(dir, 'install.js'))) {
  console.error('ffmpeg-static is not installed: run npm ci first.');
  process.exit(1);
}
// Its installer skips the download when a binary is already there, whatever its platform.
for (const name of ['ffmpeg', 'ffmpeg.exe']) rmSync(path.join(dir, name), { force: true });
const env = { ...process.env, npm_config_platform: platform, npm_config_arch: arch };
delete env.FFMPEG_BIN; // set, it makes ffmpeg-static point at a system ffmpeg instead of its own
const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], { cwd: dir, env, stdio: 'inherit' });
const binary = path.join(dir, platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
if (result.status !== 0 || !existsSync(binary)) {
  console.error(`could not fetch ffmpeg for ${platform}-${arch} (ffmpeg-static builds exist for darwin x64/arm64, linux x64/ia32/arm64/arm, win32 x64/ia32).`);
  process.exit(1);
}
console.log(`ffmpeg for ${platform}-${arch}: ${path.relative(root, binary)}`);
