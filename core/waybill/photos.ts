/**
 * Photos between reading and confirming. A label photo becomes evidence only when the agent confirms
 * the number (then it is stored with the order's audit trail); until then it is held in memory for a
 * while, bounded in count and bytes, so an abandoned upload leaves nothing behind.
 */
import { createHash, randomUUID } from 'node:crypto';

export interface PendingPhoto {
  id: string;
  bytes: Buffer;
  mime: string;
  fileName: string | null;
  sha256: string;
  at: number;
}

export interface PendingPhotoLimits {
  maxPhotos: number;
  maxBytes: number;
  ttlMs: number;
}

export const DEFAULT_PHOTO_LIMITS: PendingPhotoLimits = { maxPhotos: 50, maxBytes: 256 * 1024 * 1024, ttlMs: 60 * 60_000 };

export class PendingPhotos {
  private readonly photos = new Map<string, PendingPhoto>();

  constructor(
    private readonly now: () => number,
    private readonly limits: PendingPhotoLimits = DEFAULT_PHOTO_LIMITS,
  ) {}

  hold(bytes: Buffer, mime: string, fileName: string | null): PendingPhoto {
    this.expire();
    const photo: PendingPhoto = { id: randomUUID(), bytes, mime, fileName, sha256: createHash('sha256').update(bytes).digest('hex'), at: this.now() };
    this.photos.set(photo.id, photo);
    // Oldest first out: Map keeps insertion order.
    while (this.photos.size > this.limits.maxPhotos || this.bytes() > this.limits.maxBytes) {
      const oldest = this.photos.keys().next().value;
      if (oldest === undefined || oldest === photo.id) break;
      this.photos.delete(oldest);
    }
    return photo;
  }

  get(id: string): PendingPhoto | undefined {
    this.expire();
    return this.photos.get(id);
  }

  release(id: string): void {
    this.photos.delete(id);
  }

  private bytes(): number {
    let n = 0;
    for (const p of this.photos.values()) n += p.bytes.length;
    return n;
  }

  private expire(): void {
    const cutoff = this.now() - this.limits.ttlMs;
    for (const [id, p] of this.photos) if (p.at < cutoff) this.photos.delete(id);
  }
}
