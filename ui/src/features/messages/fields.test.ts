import { describe, expect, it } from 'vitest';
import type { AppError, MergeFieldName } from '../../lib/bindings';
import { dictionaries } from '../../lib/i18n/index.svelte';
import { fieldName, insertField, messageError, missingList, stillMissing } from './fields';

const names: MergeFieldName[] = [
  { field: 'salutation', zh_hans: '称呼', zh_hant: '稱呼', en: 'salutation' },
  { field: 'model', zh_hans: '车型', zh_hant: '車型', en: 'model' },
  { field: 'plate', zh_hans: '车牌', zh_hant: '車牌', en: 'plate' },
];

describe('merge fields in the editor and the composer', () => {
  it('are written by the name of the template language', () => {
    expect(fieldName(names, 'model', 'zh-Hans')).toBe('车型');
    expect(fieldName(names, 'model', 'zh-Hant')).toBe('車型');
    expect(fieldName(names, 'model', 'en')).toBe('model');
    expect(missingList(['model', 'plate'], names, 'zh-Hans')).toBe('{车型}、{车牌}');
  });

  it('stay missing while the text holds them, in any spelling, and not once removed', () => {
    const text = '张先生您好，您的{车型}（{plate}）首保快到了';
    expect(stillMissing(text, ['model', 'plate'], names)).toEqual(['model', 'plate']);
    expect(stillMissing('张先生您好，您的汉（{plate}）首保快到了', ['model', 'plate'], names)).toEqual(['plate']);
    expect(stillMissing('张先生您好，首保快到了', ['model', 'plate'], names)).toEqual([]);
    // A field the render did not find missing is no concern of the composer.
    expect(stillMissing('{称呼}', ['model'], names)).toEqual([]);
  });

  it('are inserted at the caret', () => {
    expect(insertField('您好，', 0, '称呼')).toEqual({ text: '{称呼}您好，', caret: 4 });
    expect(insertField('您好', 99, '称呼')).toEqual({ text: '您好{称呼}', caret: 6 });
  });

  it('name the field of an error in the user language', () => {
    const unknown: AppError = { code: 'unknown_field', message: '', field: 'body', params: { value: '{价格}' } };
    expect(messageError(unknown, dictionaries['zh-Hans'])).toBe('没有名为“{价格}”的字段');
    const empty: AppError = { code: 'required', message: '', field: 'body', params: {} };
    expect(messageError(empty, dictionaries['zh-Hans'])).toBe('请填写内容');
    expect(messageError(empty, dictionaries.en)).toContain('Text');
  });
});
