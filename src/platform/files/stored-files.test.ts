import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { acceptedContentType } from './stored-files.routes.ts';

describe('accepted content type of an uploaded file', () => {
  it('takes the type from the extension when the browser sends a generic one', () => {
    expect(acceptedContentType('Скан.PDF', 'application/octet-stream')).toBe('application/pdf');
    expect(acceptedContentType('photo.jpeg', '')).toBe('image/jpeg');
    expect(acceptedContentType('table.ods', 'application/vnd.oasis.opendocument.spreadsheet')).toBe(
      'application/vnd.oasis.opendocument.spreadsheet',
    );
  });

  it('refuses other extensions and a type that contradicts the extension (422)', () => {
    for (const [name, type] of [
      ['run.exe', 'application/octet-stream'],
      ['page.html', 'text/html'],
      ['noextension', ''],
      ['report.pdf', 'text/html'],
    ] as const) {
      let error: unknown;
      try {
        acceptedContentType(name, type);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
    }
  });
});
