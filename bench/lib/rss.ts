import fs from 'node:fs';

/**
 * Peak resident memory of one process during a measurement. The kernel's own high-water mark
 * (VmHWM) is reset at the start (writing 5 to /proc/<pid>/clear_refs) and read at the end; a
 * 50 ms sampler of VmRSS backs it up where the reset is not allowed. MiB.
 */
export class RssMonitor {
  private readonly pid: number;
  private timer: NodeJS.Timeout | null = null;
  private sampledMax = 0;
  private resetWorked = false;

  constructor(pid: number) {
    this.pid = pid;
  }

  private status(): { rss: number; hwm: number } {
    try {
      const text = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
      return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
    } catch {
      return { rss: 0, hwm: 0 };
    }
  }

  current(): number {
    return this.status().rss;
  }

  start(): void {
    this.stopTimer();
    try {
      fs.writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
      this.resetWorked = true;
    } catch {
      this.resetWorked = false;
    }
    this.sampledMax = this.status().rss;
    this.timer = setInterval(() => {
      this.sampledMax = Math.max(this.sampledMax, this.status().rss);
    }, 50);
    this.timer.unref();
  }

  /** Peak RSS in MiB since start(). */
  stop(): number {
    this.stopTimer();
    const s = this.status();
    const peak = Math.max(this.sampledMax, s.rss, this.resetWorked ? s.hwm : 0);
    return Math.round(peak);
  }

  private stopTimer() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
