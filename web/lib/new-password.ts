import { PasswordSchema } from '../../shared/sellers/seller';
import { type Field, type FormErrors, field } from './forms';
import { bi } from './i18n';
import type { IssueLike } from './issues';

/**
 * The "new password" and "again" fields of the reset and change-password pages, checked with the
 * API's own password schema before anything is sent.
 */
export interface NewPasswordFields {
  fresh: Field;
  again: Field;
  /** The new password's issues, under the API's field name `newPassword`. */
  issues(): IssueLike[];
  /** Shows "the two differ" on the second field; true when they do. */
  mismatch(errors: FormErrors): boolean;
}

export function newPasswordFields(): NewPasswordFields {
  const fresh = field({
    label: bi('Mật khẩu mới', 'New password'),
    path: 'newPassword',
    type: 'password',
    hint: bi('Ít nhất 10 ký tự, không quá đơn giản.', 'At least 10 characters, not too simple.'),
    attrs: { autocomplete: 'new-password' },
  });
  const again = field({
    label: bi('Nhập lại mật khẩu mới', 'New password again'),
    path: 'confirm',
    type: 'password',
    attrs: { autocomplete: 'new-password' },
  });
  return {
    fresh,
    again,
    issues() {
      const checked = PasswordSchema.safeParse(fresh.value);
      return checked.success
        ? []
        : checked.error.issues.map((i) => ({ ...i, path: ['newPassword'] }) as IssueLike);
    },
    mismatch(errors) {
      if (again.value === fresh.value) return false;
      errors.showError(
        bi('Hai mật khẩu mới không khớp.', 'The two new passwords differ.'),
        'confirm',
      );
      return true;
    },
  };
}
