/** Saving a file from the page: the browser's download of an address, or of bytes made in the page. */

/** Starts the browser's download of `href` under `fileName` (the save dialog, or the downloads folder). */
export function download(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Downloads bytes made in the page; the address made for them is let go once the download has read them. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  download(url, fileName);
  // The download has read the blob by the next task; a minute is generous for a slow disk.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
