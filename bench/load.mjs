/**
 * Other work on the machine skews every figure (this 2-core machine is shared). Samples, once a
 * second, the CPU time of every process that is not part of this benchmark (not a descendant of
 * this Node process), so the report can flag sections measured while something else ran.
 */
import { readdirSync, readFileSync } from 'node:fs';

const HZ = 100; // USER_HZ on Linux

function snapshot() {
  const cpu = new Map();
  const parent = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, fields[1]);
      cpu.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited
    }
  }
  return { cpu, parent };
}

export function startLoadMonitor() {
  const self = String(process.pid);
  let previous = snapshot();
  let foreign = 0;
  const foreignByName = new Map();
  const started = Date.now();
  const tick = () => {
    const now = snapshot();
    const mine = (pid) => {
      for (let p = pid, i = 0; p && p !== '0' && i < 30; p = now.parent.get(p) ?? previous.parent.get(p), i++) if (p === self) return true;
      return false;
    };
    for (const [pid, ticks] of now.cpu) {
      const delta = ticks - (previous.cpu.get(pid) ?? ticks);
      if (delta <= 0 || mine(pid)) continue;
      foreign += delta;
      let name = '?';
      try {
        name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        // exited
      }
      foreignByName.set(name, (foreignByName.get(name) ?? 0) + delta);
    }
    previous = now;
  };
  const timer = setInterval(tick, 1000);
  return {
    stop() {
      clearInterval(timer);
      tick();
      const elapsedS = (Date.now() - started) / 1000;
      const top = [...foreignByName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n, t]) => `${n} ${(t / HZ).toFixed(0)} s`);
      return { elapsedS: Math.round(elapsedS), foreignCpuS: Math.round(foreign / HZ), foreignCores: Math.round((foreign / HZ / elapsedS) * 100) / 100, top };
    },
  };
}
