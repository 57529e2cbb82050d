/** Small wording helpers shared by features: times and durations as people read them. */

/** "13:45:35" (UTC wall clock of the log), or "?" without a time. */
export function clockTime(time: number | undefined): string {
  return time === undefined ? '?' : new Date(time).toISOString().slice(11, 19);
}

/** "49 s", "7 min 17 s", "2 h 5 min", "3 d 4 h". */
export function shortDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  }
  if (s < 86400) {
    const minutes = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
  }
  const hours = Math.floor((s % 86400) / 3600);
  return `${Math.floor(s / 86400)} d${hours ? ` ${hours} h` : ''}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
