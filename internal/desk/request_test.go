package desk

import "testing"

// TestPickDate: the day picked is written the way the story wrote its date.
func TestPickDate(t *testing.T) {
	for _, tc := range []struct{ picked, written, want string }{
		{"2022-05-19", "2022-05-19T08:00:00+07:00", "2022-05-19T08:00:00+07:00"},
		{"2022-05-20", "2022-05-19T08:00:00+07:00", "2022-05-20T08:00:00+07:00"},
		{"2023-06-11", "11/06/2023", "11/06/2023"},
		{"2023-06-12", "11/06/2023", "12/06/2023"},
		{"2023-06-12", "ngày 11 tháng 6 năm 2023", "2023-06-12"},
		{"2023-06-12", "2023-06-11", "2023-06-12"},
		{"", "31/02/2023", "31/02/2023"},
		{"2023-06-12", "", "2023-06-12"},
	} {
		if got := pickDate(tc.picked, tc.written); got != tc.want {
			t.Errorf("pickDate(%q, %q) = %q, want %q", tc.picked, tc.written, got, tc.want)
		}
	}
}
