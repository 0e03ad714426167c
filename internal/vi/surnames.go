package vi

// CommonSurnames returns the Vietnamese family names most people bear
// (together, about nine people in ten), most common first: what makes a
// query look like a person's name even on a site none of whose people
// bears it.
func CommonSurnames() []string {
	return []string{
		"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
		"Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
	}
}
