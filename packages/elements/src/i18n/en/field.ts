/** Messages about one form field, shared by the create form and the update dialog. */
export const field = {
  // The mark next to a required field's label (shared/field-controls.ts).
  'common.required': 'required',
  'field.choose': 'Choose…',
  'field.error.required': 'This field is required.',
  'field.error.requiredChoice': 'Choose an option.',
  'field.error.requiredCheck': 'Tick this box to continue.',
  'field.error.tooLong': 'Use at most {max} characters.',
  'field.error.number': 'Enter a number.',
  'field.error.min': 'Enter {min} or more.',
  'field.error.max': 'Enter {max} or less.',
  'field.error.email': 'Enter an email address, like name@example.com.',
  'field.error.url': 'Enter a web address starting with https://.',
  'field.error.date': 'Enter a valid date.',
} as const;
