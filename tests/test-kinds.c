/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cb-kinds.h"
#include "cb-store.h"

static void
test_kinds_table (void)
{
  guint n;
  const CbKind *kinds = cb_kinds (&n);
  const char *expected[] = { "school", "person", "engagement", "observation", "evidence",
                             "tally", "coplan", "coaching_log", "segment", "action_item",
                             "pd_session", "agenda_item", "attendance", "framework", "look_for",
                             "monitor", "exit_question", "exit_ticket", "exit_answer", "meeting",
                             "cycle", "data_point", "student_work",
                             "rounds_visit", "rounds_note", "rounds_pattern",
                             "inquiry_cycle", "inquiry_point", "rounds_slot",
                             "walk_form", "walk_item", "walk_score" };

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint titles = 0;

      g_assert_cmpstr (kinds[i].name, ==, expected[i]);
      g_assert_true (cb_kind_lookup (expected[i]) == &kinds[i]);
      for (guint f = 0; f < kinds[i].n_fields; f++)
        {
          const CbField *field = &kinds[i].fields[f];
          g_assert_false (g_hash_table_contains (seen, field->name));
          g_hash_table_add (seen, (gpointer) field->name);
          g_assert_cmpuint (field->since, >=, 1);
          g_assert_cmpuint (field->since, <=, CB_SCHEMA_VERSION);
          g_assert_nonnull (field->label);
          if (field->flags & CB_FIELD_TITLE)
            titles++;
          if (field->type == CB_TYPE_ENUM)
            {
              g_assert_nonnull (field->choices);
              g_assert_cmpuint (cb_field_n_choices (field), >, 0);
              /* Every choice carries its label. */
              for (guint c = 0; field->choices[c].value != NULL; c++)
                g_assert_nonnull (field->choices[c].label);
            }
          if (field->ref_kind)
            g_assert_nonnull (cb_kind_lookup (field->ref_kind));
          g_assert_cmpstr (field->name, !=, CB_FIELD_PRIVACY);
          g_assert_cmpstr (field->name, !=, CB_FIELD_DELETED);
        }
      g_assert_cmpuint (titles, ==, 1);
      /* A list row's second line names the kind's own fields. */
      for (guint i_sub = 0; kinds[i].subtitle && kinds[i].subtitle[i_sub]; i_sub++)
        {
          g_auto(GStrv) alternatives = g_strsplit_set (kinds[i].subtitle[i_sub], "|", -1);
          for (guint a = 0; alternatives[a] != NULL; a++)
            g_assert_nonnull (cb_kind_field (&kinds[i], alternatives[a] +
                                             (strchr ("?~", alternatives[a][0]) ? 1 : 0)));
        }
      g_assert_nonnull (cb_kind_field (&kinds[i], CB_FIELD_PRIVACY));
      g_assert_nonnull (cb_kind_field (&kinds[i], CB_FIELD_DELETED));
    }
  g_assert_null (cb_kind_lookup ("nope"));
  g_assert_nonnull (cb_kind_parent_field (cb_kind_lookup ("evidence")));
  g_assert_null (cb_kind_parent_field (cb_kind_lookup ("observation")));
  g_assert_cmpstr (cb_kind_lookup ("school")->subtitle[0], ==, "district");
}

static void
check (const char *kind,
       const char *field,
       const char *value,
       gboolean    ok)
{
  g_autoptr(GError) error = NULL;
  const CbField *f = cb_kind_field (cb_kind_lookup (kind), field);

  g_assert_nonnull (f);
  g_assert_cmpint (cb_field_validate (f, value, &error), ==, ok);
  if (ok)
    g_assert_no_error (error);
  else
    g_assert_error (error, CB_STORE_ERROR, CB_STORE_ERROR_INVALID);
}

static void
test_validate (void)
{
  check ("observation", "date", "2025-10-14", TRUE);
  check ("observation", "date", "2025-02-30", FALSE);
  check ("observation", "date", "14/10/2025", FALSE);
  check ("observation", "date", "", TRUE);
  check ("observation", "start_time", "09:05", TRUE);
  check ("observation", "start_time", "24:00", FALSE);
  check ("evidence", "offset", "125", TRUE);
  check ("evidence", "offset", "12.5", FALSE);
  check ("evidence", "offset", "abc", FALSE);
  check ("attendance", "hours", "3.5", TRUE);
  check ("attendance", "hours", "3.", FALSE);
  check ("attendance", "hours", "x", FALSE);
  check ("observation", "shared_with_teacher", "1", TRUE);
  check ("observation", "shared_with_teacher", "yes", FALSE);
  check ("person", "role", "principal", TRUE);
  check ("person", "role", "janitor", FALSE);
  check ("observation", "teacher", "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980", TRUE);
  check ("observation", "teacher", "0B7F3A4E-5C9D-4A1B-8E2F-3D4C5B6A7980", FALSE);
  check ("observation", "teacher", "not-a-uuid", FALSE);
  check ("observation", "focus", "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980 1b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980", TRUE);
  check ("observation", "focus", "0b7f3a4e-5c9d-4a1b-8e2f-3d4c5b6a7980  x", FALSE);
  check ("observation", CB_FIELD_PRIVACY, "private", TRUE);
  check ("observation", CB_FIELD_PRIVACY, "public", FALSE);
  check ("observation", "lesson", "Fracciones en la recta numérica", TRUE);
  check ("observation", "lesson", "\xff\xfe", FALSE);
}

/* A value's label is its field's: "teacher" is a role and a privacy
 * tier, "open" a status; unknown values stay as they are. */
static void
test_choice_labels (void)
{
  const CbField *role = cb_kind_field (cb_kind_lookup ("person"), "role");
  const CbField *privacy = cb_kind_field (cb_kind_lookup ("person"), CB_FIELD_PRIVACY);
  const CbField *status = cb_kind_field (cb_kind_lookup ("action_item"), "status");
  const CbField *activity = cb_kind_field (cb_kind_lookup ("segment"), "activity");

  g_assert_cmpstr (cb_field_choice_label (role, "teacher"), ==, "Teacher");
  g_assert_cmpstr (cb_field_choice_label (privacy, "teacher"), ==, "Teacher (also in the teacher's packet)");
  g_assert_cmpstr (cb_field_choice_label (status, "open"), ==, "Open");
  g_assert_cmpstr (cb_field_choice_label (activity, "rounds"), ==, "Instructional rounds");
  g_assert_cmpstr (cb_field_choice_label (activity, "nope"), ==, "nope");
  g_assert_cmpstr (cb_field_choice_label (activity, NULL), ==, "");
  /* A value of another field is not this field's. */
  g_assert_cmpstr (cb_field_choice_label (role, "rounds"), ==, "rounds");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kinds/table", test_kinds_table);
  g_test_add_func ("/kinds/choice-labels", test_choice_labels);
  g_test_add_func ("/kinds/validate", test_validate);
  return g_test_run ();
}
